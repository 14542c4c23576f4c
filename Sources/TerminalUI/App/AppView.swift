import FlashCore
import TerminalKit

/// Drawing the app: a pure function of the model.
extension App {
    /// The whole screen for `model` at `size`.
    package static func view(_ model: AppModel, size: Size) -> ScreenBuffer {
        var sized = model
        sized.size = size
        var buffer = ScreenBuffer(size: size)
        guard let layout = AppLayout.make(for: sized) else {
            TooSmallWidget(required: AppLayout.minimum).render(in: buffer.area, into: &buffer)
            return buffer
        }
        renderTitle(sized, in: layout.title, into: &buffer)
        renderMaps(sized, layout: layout, into: &buffer)
        renderLegend(sized, layout: layout, into: &buffer)
        for (panel, rect) in layout.panels { renderPanel(panel, sized, in: rect, into: &buffer) }
        let table = keyTable(for: sized)
        if let prompt = sized.prompt {
            let rect = Rect(x: 0, y: size.height - 2, width: size.width, height: 2)
            PromptWidget(state: prompt.state).render(in: rect, into: &buffer)
        } else if let running = sized.running {
            progressWidget(running).render(in: layout.keyBar, into: &buffer)
        } else {
            KeyBarWidget(table: table).render(in: layout.keyBar, into: &buffer)
        }
        if let confirmation = sized.confirmation {
            ConfirmWidget(
                question: confirmation.question, details: confirmation.details, warnings: confirmation.warnings,
                irreversible: confirmation.irreversible, armed: confirmation.armed,
                detailRole: confirmation.onChip ? .warning : .normal
            )
            .render(in: buffer.area, into: &buffer)
        }
        if let viewer = sized.logViewer { renderLogViewer(sized, viewer, into: &buffer) }
        if let view = sized.diffView { renderDiffView(sized, view, into: &buffer) }
        if let top = sized.helpTop {
            HelpOverlayWidget(table: table, title: "Keys (↑/↓ scroll, Esc closes)", firstRow: top).render(
                in: buffer.area, into: &buffer)
        }
        return buffer
    }

    /// The bottom line while an operation works: how far it is, and the key that cancels it.
    static func progressWidget(_ running: RunningOperation) -> ProgressBarWidget {
        let cancel = AppKeys.running.bindings.first { $0.action == .cancelOperation }
        return ProgressBarWidget(
            title: running.cancelling ? "cancelling \(running.title)" : running.title, done: running.done,
            total: running.total, unit: running.unit,
            hint: running.cancelling ? nil : cancel.map { ($0.keyText, $0.label) })
    }

    private static func renderTitle(_ model: AppModel, in rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.fill(rect, with: Cell(" ", role: .title))
        let machine = model.shownMachine
        var mode = ""
        if let session = model.stepping {
            mode = "  STEP \(session.position)/\(session.total)"
        } else if model.stepArmed {
            mode = "  step mode"
        } else if let served = model.served {
            mode = served.isHeld ? "  SERVED · HELD" : served.holding ? "  served · holding" : "  served"
        }
        let effective = machine.controller.effective
        let pending = machine.controller.pending
        var right = "DBANK=\(effective.dualBankBit ? 1 : 0) SWAP_BANK=\(effective.swapBank ? 1 : 0)"
        let staged = OptionField.all.filter { effective[$0] != pending[$0] }
        if !staged.isEmpty {
            right +=
                "  pending " + staged.prefix(2).map { "\($0.name)=\($0.text(pending[$0]))" }.joined(separator: " ")
                + (staged.count > 2 ? " …" : "")
        }
        // The option state wins the space: the part and algorithm go first when it is short.
        var left = "FlashScope  \(model.deviceName)  \(machine.part.name)  \(model.algorithm)\(mode)"
        if left.count + 2 + right.count > rect.width { left = "FlashScope  \(model.deviceName)\(mode)" }
        if let board = model.attached { left = "FlashScope  " + attachedTitle(board) }
        buffer.write(
            left.truncated(to: max(0, rect.width - right.count - 2)), atX: rect.x, y: rect.y, role: .title,
            clip: rect)
        buffer.write(
            right, atX: max(rect.x, rect.right - right.count), y: rect.y,
            role: staged.isEmpty ? .title : .pending, clip: rect)
    }

    private static func renderMaps(_ model: AppModel, layout: AppLayout, into buffer: inout ScreenBuffer) {
        let machine = model.shownMachine
        let flash = machine.layout
        let location = model.cursorLocation
        let pageMaps = pageMaps(model)
        for (index, rect) in layout.maps.enumerated() {
            let bank = index + 1
            let states = pageMaps.banks.indices.contains(index) ? pageMaps.banks[index] : []
            var title = flash.dualBank ? "Bank \(bank)" : "Flash"
            if flash.swapped { title += " (physical \(flash.physicalBank(forLogical: bank)))" }
            title += " · \(hex(flash.bankStart(bank))) · \(flash.pagesPerBank) × \(flash.pageSize / 1024) KiB"
            var cursor: Int?
            if let location, location.bank == bank {
                cursor = location.pnb
                title += " · ▸ \(hex(model.cursor)) PNB \(location.pnb) BKER \(location.bker)"
            }
            if model.focus == .pages { title = "● " + title }
            PageMapWidget(title: title, states: states, cursor: cursor, showsLegend: false).render(
                in: rect, into: &buffer)
        }
        if let rect = layout.ospiMap { renderOSPIMap(model, in: rect, into: &buffer) }
    }

    private static func renderOSPIMap(_ model: AppModel, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard let map = model.ospiMap else { return }
        let zoom = ospiZoom(model)
        let geometry = map.geometry
        let focus = model.focus == .pages ? "● " : ""
        if let board = model.attached, !board.octoSPIAnswered {
            let inner = Frame(title: focus + "OCTOSPI · \(hex(FlashRegion.ospiBase))").render(in: rect, into: &buffer)
            let note =
                "the OCTOSPI window did not answer when attaching: no OCTOSPI flash is mapped there, or OCTOSPI1 is not in memory-mapped mode (its firmware sets that up)"
            for (row, line) in note.wrapped(to: max(1, inner.width)).prefix(inner.height).enumerated() {
                buffer.write(line, atX: inner.x, y: inner.y + row, role: .dim, clip: inner)
            }
            return
        }
        let cell = model.ospiLocation.map { " · ▸ " + OctoSPIMap.cellText($0, zoom: zoom, geometry: geometry) } ?? ""
        // On an attached board only the sectors the user visits are read: say how many.
        let read = model.attached.map { " · read \($0.octoSPISectorsRead)/\(map.states.count)" } ?? ""
        var title =
            focus + "OCTOSPI · \(hex(FlashRegion.ospiBase)) · \(map.states.count) × \(geometry.sectorSize / 1024) KiB"
            + read + " · 1 cell = \(zoom) sector\(zoom == 1 ? "" : "s")" + cell
        // Narrow maps keep the cursor cell's range whole and shorten the rest.
        if title.count + 4 > rect.width { title = focus + "OCTOSPI" + read + " · \(zoom)/cell" + cell }
        ospiMapWidget(model, title: title)?.render(in: rect, into: &buffer)
    }

    /// The legend, or the status message when there is one.
    private static func renderLegend(_ model: AppModel, layout screen: AppLayout, into buffer: inout ScreenBuffer) {
        let rect = screen.legend
        if let status = model.status {
            buffer.write(
                status.text.truncated(to: rect.width), atX: rect.x, y: rect.y,
                role: status.isError ? .error : .normal, clip: rect)
            return
        }
        var x = rect.x
        // With only the OCTOSPI map on screen, only the states it can show, and its zoom.
        let onlyOSPI = screen.maps.isEmpty
        var rare: [PageState] = pageMaps(model).hasHiddenPages ? [.hidden] : []
        if let board = model.attached {
            rare.append(.notRead)
            if !board.refused.isEmpty { rare.append(.unreadable) }
        }
        let ospiStates: [PageState] = model.attached == nil ? [] : [.notRead, .unreadable]
        let states: [PageState] =
            onlyOSPI ? [.erased, .programmed, .partlyProgrammed, .differs] + ospiStates : PageState.legend(for: rare)
        for state in states {
            x = buffer.write(String(state.glyph), atX: x, y: rect.y, role: state.role, clip: rect)
            x = buffer.write(" \(state.legendName)  ", atX: x, y: rect.y, role: .dim, clip: rect)
        }
        if screen.ospiMap != nil {
            let zoom = ospiZoom(model)
            let note = "1 \(onlyOSPI ? "" : "OCTOSPI ")cell = \(zoom) sector\(zoom == 1 ? "" : "s")  "
            x = buffer.write(note, atX: x, y: rect.y, role: .normal, clip: rect)
        }
        if let file = model.loadedFile {
            buffer.write("file: \(file.name)", atX: x, y: rect.y, role: .dim, clip: rect)
        }
    }

    private static func renderPanel(
        _ panel: AppLayout.Panel, _ model: AppModel, in rect: Rect,
        into buffer: inout ScreenBuffer
    ) {
        switch panel {
        case .hex: renderHex(model, in: rect, into: &buffer)
        case .options: renderOptions(model, in: rect, into: &buffer)
        case .index:
            if let location = model.systemLocation {
                SystemIndexWidget(
                    location: location, value: model.shownMachine.bus.peekValue(location.address & ~3),
                    focused: model.focus == .index
                ).render(in: rect, into: &buffer)
            } else if let location = model.ospiLocation {
                let holds =
                    model.ospiMap.map { ![.erased, .notRead, .unreadable].contains($0.states[location.sector]) }
                    ?? false
                OctoSPIIndexWidget(location: location, holdsData: holds, focused: model.focus == .index)
                    .render(in: rect, into: &buffer)
            } else if let report = model.pageIndex {
                PageIndexWidget(report: report, focused: model.focus == .index).render(in: rect, into: &buffer)
            }
        case .step:
            if let session = model.stepping {
                StepPanelWidget(session: session).render(in: rect, into: &buffer)
            } else if let view = model.served {
                ClientPanelWidget(view: view).render(in: rect, into: &buffer)
            }
        case .messages: renderMessages(model, in: rect, into: &buffer)
        }
    }

    private static func renderHex(_ model: AppModel, in rect: Rect, into buffer: inout ScreenBuffer) {
        if let location = model.ospiLocation {
            renderOSPIHex(model, location, in: rect, into: &buffer)
            return
        }
        if let location = model.systemLocation {
            renderSystemHex(model, location, in: rect, into: &buffer)
            return
        }
        guard let location = model.cursorLocation else { return }
        if let board = model.attached, let note = unreadNote(board, location.pageAddress, count: location.pageSize) {
            let title =
                (model.focus == .hex ? "● " : "") + "Bank \(location.bank) page \(location.pnb) · "
                + "\(hex(location.pageAddress)) · \(location.pageSize / 1024) KiB"
            renderNote(note, title: title, in: rect, into: &buffer)
            return
        }
        let flash = model.shownMachine.controller.array.bytes
        let start = Int(location.physicalOffset) - Int(location.address - location.pageAddress)
        let bytes = Array(flash[start..<start + Int(location.pageSize)])
        let changed = changedBytes(model, bytes: bytes, start: location.pageAddress)
        let title =
            (model.focus == .hex ? "● " : "")
            + "Bank \(location.bank) page \(location.pnb) · \(hex(location.pageAddress)) · \(location.pageSize / 1024) KiB"
            + readoutNote(model.shownMachine)
        HexViewWidget(
            title: title, bytes: bytes, baseAddress: location.pageAddress, topRow: model.hexTop,
            cursor: Int(location.address - location.pageAddress), changed: changed
        )
        .render(in: rect, into: &buffer)
        DataInspector.render(bytes, cursor: Int(location.address - location.pageAddress), in: rect, into: &buffer)
    }

    /// Under RDP level 1 or 2 the hex view is the simulator's own view: a debugger would get bus errors.
    private static func readoutNote(_ machine: Machine) -> String {
        let level = machine.controller.effective.readoutLevel
        guard level.blocksFlashFromOutside else { return "" }
        return " · RDP \(level.name.dropFirst(6)): a debugger gets bus errors"
    }

    /// The OCTOSPI sector holding the cursor, read from the model's NOR array (erased reads as 0xFF).
    private static func renderOSPIHex(
        _ model: AppModel, _ location: OctoSPILocation, in rect: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let size = Int(location.sectorSize)
        let offset = location.sectorAddress - FlashRegion.ospiBase
        if let board = model.attached, let note = unreadNote(board, location.sectorAddress, count: location.sectorSize)
        {
            renderNote(
                note,
                title: (model.focus == .hex ? "● " : "") + "OCTOSPI sector \(location.sector) · "
                    + hex(location.sectorAddress), in: rect, into: &buffer)
            return
        }
        var bytes = model.shownMachine.ospi?.flash.sectorContents(atOffset: offset) ?? []
        if bytes.count != size { bytes = [UInt8](repeating: 0xFF, count: size) }
        let changed = changedBytes(model, bytes: bytes, start: location.sectorAddress)
        let title =
            (model.focus == .hex ? "● " : "")
            + "OCTOSPI sector \(location.sector) (block \(location.block)) · \(hex(location.sectorAddress)) · 4 KiB"
        HexViewWidget(
            title: title, bytes: bytes, baseAddress: location.sectorAddress, topRow: model.hexTop,
            cursor: Int(location.address - location.sectorAddress), changed: changed
        )
        .render(in: rect, into: &buffer)
        DataInspector.render(bytes, cursor: Int(location.address - location.sectorAddress), in: rect, into: &buffer)
    }

    /// The system area holding the cursor (the OTP area, a UID or DBGMCU), read without side effects.
    private static func renderSystemHex(
        _ model: AppModel, _ location: SystemLocation, in rect: Rect, into buffer: inout ScreenBuffer
    ) {
        let area = location.area
        if let board = model.attached, [.otp, .uid].contains(area),
            let note = unreadNote(board, area.start, count: area.size)
        {
            renderNote(note, title: (model.focus == .hex ? "● " : "") + area.rawValue, in: rect, into: &buffer)
            return
        }
        let bytes = model.shownMachine.systemBytes(area)
        let title = (model.focus == .hex ? "● " : "") + "\(area.rawValue) · \(hex(area.start)) · \(area.size) bytes"
        HexViewWidget(
            title: title, bytes: bytes, baseAddress: area.start, topRow: model.hexTop,
            cursor: Int(location.offset), changed: changedBytes(model, bytes: bytes, start: area.start)
        )
        .render(in: rect, into: &buffer)
        DataInspector.render(bytes, cursor: Int(location.offset), in: rect, into: &buffer)
    }

    /// Offsets into `bytes` (shown from `start`) where the loaded file holds something else.
    private static func changedBytes(_ model: AppModel, bytes: [UInt8], start: UInt32) -> Set<Int> {
        var changed = Set<Int>()
        guard let file = model.loadedFile else { return changed }
        let clipped = file.image.clipped(to: start, end: UInt64(start) + UInt64(bytes.count))
        for segment in clipped.segments {
            for (index, byte) in segment.bytes.enumerated() {
                let offset = Int(segment.address - start) + index
                if bytes[offset] != byte { changed.insert(offset) }
            }
        }
        return changed
    }
}
