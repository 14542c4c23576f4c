import FlashCore
import GDBRemote

/// One way the chip did not do what the model predicted.
package struct Divergence: Equatable, Sendable, CustomStringConvertible {
    package let what: String
    package let predicted: String
    package let chip: String

    package init(what: String, predicted: String, chip: String) {
        self.what = what
        self.predicted = predicted
        self.chip = chip
    }

    package var description: String { "\(what): predicted \(predicted), the chip has \(chip)" }
}

/// Reads back what a live operation touched and compares it with the model's prediction:
/// the bytes of every page the prediction erased or programmed (through the non-secure alias,
/// as `flashscope read` shows them), the status registers' flags and the option registers.
package enum LiveCheck {
    /// The differences, merged into ranges for the bytes; empty when the chip did what was predicted.
    package static func compare(
        predicted machine: Machine, result: OperationResult, chip memory: any ChipMemory
    ) throws(ClientError) -> [Divergence] {
        var out: [Divergence] = []
        let engine = FlashEngine(machine: machine)
        for range in touched(result) {
            let count = Int(range.count)
            let chip = try memory.readMemory(range.from, count: count)
            guard let model = try? engine.read(from: range.from, count: count, asContents: true) else { continue }
            out += byteDivergences(from: range.from, model: model, chip: chip)
        }
        for register in FlashStatusRegister.allCases {
            let chip = try memory.readWord(register.address)
            let model = machine.bus.peekValue(register.address) ?? 0
            let flags = StatusFlag.allCases.map(\.mask).reduce(0, |)
            if chip & flags != model & flags {
                out.append(Divergence(what: register.name, predicted: flagText(model), chip: flagText(chip)))
            }
        }
        for register in OptionRegister.allCases {
            let address = Machine.flashControllerBase + register.offset
            let chip = try memory.readWord(address)
            let model = machine.bus.peekValue(address) ?? machine.controller.effective[register]
            if chip != model {
                out.append(Divergence(what: "FLASH_\(register.name)", predicted: hex(model), chip: hex(chip)))
            }
        }
        return out
    }

    /// The pages a result erased and the ranges it programmed, in the non-secure alias, merged.
    package static func touched(_ result: OperationResult) -> [AddressRange] {
        var ranges = result.erased.filter { $0.region == .flash }.map {
            AddressRange(
                from: FlashLayout.nonSecureTwin($0.pageAddress),
                to: FlashLayout.nonSecureTwin($0.pageAddress) + $0.pageSize - 1)
        }
        ranges.sort { $0.from < $1.from }
        var merged: [AddressRange] = []
        for range in ranges {
            if let last = merged.last, UInt64(range.from) <= UInt64(last.to) + 1 {
                merged[merged.count - 1].to = max(last.to, range.to)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    static func byteDivergences(from address: UInt32, model: [UInt8], chip: [UInt8]) -> [Divergence] {
        var out: [Divergence] = []
        var index = 0
        while index < min(model.count, chip.count) {
            guard model[index] != chip[index] else {
                index += 1
                continue
            }
            let start = index
            while index < min(model.count, chip.count), model[index] != chip[index] { index += 1 }
            let from = address + UInt32(start)
            let to = address + UInt32(index - 1)
            let shown = min(index - start, 8)
            out.append(
                Divergence(
                    what: "bytes \(hex(from))–\(hex(to)) (\(index - start))",
                    predicted: bytesText(model[start..<start + shown], more: index - start > shown),
                    chip: bytesText(chip[start..<start + shown], more: index - start > shown)))
        }
        return out
    }

    private static func bytesText(_ bytes: ArraySlice<UInt8>, more: Bool) -> String {
        bytes.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: " ") + (more ? " ..." : "")
    }

    static func flagText(_ value: UInt32) -> String {
        let flags = FlashStatusRegister.flags(value)
        return flags.isEmpty ? "no flags" : flags.joined(separator: " ")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
