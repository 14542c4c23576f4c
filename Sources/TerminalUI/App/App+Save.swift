import FlashCore
import TerminalKit

extension ActivePrompt.Purpose {
    /// Prompts that take a file name: Tab completes it.
    var takesFileName: Bool {
        switch self {
        case .programFile, .saveFile: return true
        default: return false
        }
    }
}

/// `w`: save the page (OCTOSPI sector, system area) at the cursor, or a range typed, to a file, as
/// `flashscope read ADDRESS COUNT -o FILE` would: every byte of the range, the format from the extension.
extension App {
    static func openSaveRange(_ model: inout AppModel) {
        let range = cursorRange(model)
        openPrompt(
            &model, .saveRange, label: "Save which range (START-END or START+LENGTH; as given: the cursor's page)",
            text: "\(hex(range.start))-\(hex(range.start &+ UInt32(range.count - 1)))")
    }

    /// The page, OCTOSPI sector or system area holding the cursor.
    private static func cursorRange(_ model: AppModel) -> (start: UInt32, count: Int) {
        if let location = model.ospiLocation, let geometry = model.shownMachine.ospi?.flash.geometry {
            return (location.sectorAddress, Int(geometry.sectorSize))
        }
        if let location = model.cursorLocation { return (location.pageAddress, Int(location.pageSize)) }
        if let area = model.systemLocation?.area { return (area.start, Int(area.size)) }
        return (model.cursor, 1)
    }

    /// `START-END` (both included) or `START+LENGTH`, in any form `g` takes.
    static func parseRange(_ text: String) -> (start: UInt32, count: Int)? {
        for separator: Character in ["+", "-", "–"] {
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 2, let start = NumberText.parse(String(parts[0]).trimmingWhitespace),
                let second = NumberText.parse(String(parts[1]).trimmingWhitespace)
            else { continue }
            if separator == "+" {
                guard second > 0, UInt64(start) + UInt64(second) <= 1 << 32 else { return nil }
                return (start, Int(second))
            }
            guard second >= start else { return nil }
            return (start, Int(second - start) + 1)
        }
        return nil
    }

    /// The range prompt's answer: checked, then the file prompt; or why not, for the prompt.
    static func chooseSaveRange(_ model: inout AppModel, _ text: String) -> String? {
        guard let (start, count) = parseRange(text) else {
            return "a range: START-END or START+LENGTH (0x08000000-0x080007FF, 0x90000000+0x1000)"
        }
        let end = start &+ UInt32(count - 1)
        if let error = whyNotInFlash(model, start) ?? whyNotInFlash(model, end) { return error }
        guard FlashRegion.of(start) == FlashRegion.of(end) else {
            return "\(hex(start))–\(hex(end)) runs from one flash into another: save each on its own"
        }
        openPrompt(
            &model, .saveFile(start: start, count: count, replacing: nil),
            label:
                "Save \(hex(start))–\(hex(end)) (\(count) bytes) to file (.bin, .hex or .srec; ~ is home; Tab completes)"
        )
        return nil
    }

    /// The file prompt's answer: the bytes read now (the flash as it is when Enter is pressed).
    static func saveRange(_ model: inout AppModel, start: UInt32, count: Int, to path: String, replacing: Bool)
        -> Submission
    {
        let bytes: [UInt8]
        let image: MemoryImage
        do {
            bytes = try FlashEngine(machine: model.shownMachine).read(from: start, count: count)
            image = try MemoryImage(segments: [.init(address: start, bytes: bytes)])
        } catch {
            return .rejected("\(hex(start)): \(error)")
        }
        model.pendingSave = PendingSave(start: start, count: count)
        model.status = StatusMessage("saving \(count) bytes to \(path)…")
        return .accepted([.saveFile(path: path, image: image, replacing: replacing)])
    }

    static func fileSaved(_ model: inout AppModel, path: String, bytes: Int, format: String) {
        guard let save = model.pendingSave else { return }
        model.pendingSave = nil
        let end = save.start &+ UInt32(save.count - 1)
        let refused = FlashEngine(machine: model.shownMachine).refusedRanges(from: save.start, count: save.count)
        let zeros = refused.reduce(0) { $0 + Int($1.to - $1.from) + 1 }
        let note = zeros == 0 ? "" : " (\(zeros) secure bytes read as zero: TrustZone keeps them from this view)"
        model.status = StatusMessage(
            "saved \(bytes) bytes \(hex(save.start))–\(hex(end)) to \(path) (\(format))\(note)")
    }

    /// Nothing written: the file prompt again, saying why; a file already there is replaced by Enter.
    static func fileNotSaved(_ model: inout AppModel, typed: String, reason: String, exists: Bool) {
        guard let save = model.pendingSave else { return }
        model.pendingSave = nil
        let end = save.start &+ UInt32(save.count - 1)
        openPrompt(
            &model, .saveFile(start: save.start, count: save.count, replacing: exists ? typed : nil),
            label: "Save \(hex(save.start))–\(hex(end)) (\(save.count) bytes) to file (.bin, .hex or .srec)",
            text: typed)
        model.prompt?.state.error = exists ? "\(reason): Enter replaces it, or type another name" : reason
        model.status = nil
    }
}

/// The range a `w` save is writing, until the runner answers.
package struct PendingSave: Equatable, Sendable {
    var start: UInt32
    var count: Int
}
