/// Sentences that say what a raised flag means in the situation it was raised in.
struct Explainer {
    let layout: FlashLayout
    let controller: FlashController
    /// Pages erased earlier in the same operation.
    let erased: [FlashPage]

    func explain(_ flag: StatusFlag, at address: UInt32) -> String {
        switch flag {
        case .progerr: return programmingError(at: address)
        case .wrperr: return protectionError(at: address)
        case .pgaerr:
            return "a double word must start on an 8-byte boundary and its second word must follow at +4"
        case .sizerr:
            return "flash was written with a byte or half-word access; programming takes 32-bit writes only"
        case .pgserr:
            return "the controller refused to start: an error flag from an earlier operation was still set, "
                + "PG/PER/MER1/MER2 were set in a contradictory way, or PNB/BKER named no page"
        case .optwerr:
            if let refusal = controller.optionRefusal { return "OPTSTRT refused: \(refusal)" }
            return "DBANK can change only while every write-protection area is off (PSTRT > PEND) "
                + "and, with TZEN=1, the secure watermarks are empty, no SECBBxRy bit is set and no hide area "
                + "(HDPxEN) is on"
        case .operr:
            return "an operation failed while ERRIE was set"
        case .eop, .bsy:
            return flag.name
        }
    }

    private func describe(_ page: FlashPage) -> String {
        "PNB \(page.pnb)/BKER \(page.bker) (\(hex(page.address))–\(hex(page.address + page.size - 1)))"
    }

    private func programmingError(at address: UInt32) -> String {
        if SystemArea.isOTP(address) {
            return "the OTP double word at \(hex(address)) was already programmed: OTP takes each double word once "
                + "(or all zeros) and is never erased"
        }
        var text =
            "the double word at \(hex(address)) still held data; flash is programmed only where it is erased (or to all zeros)"
        guard let location = try? layout.locate(address),
            let page = layout.page(physicalBank: location.physicalBank, pnb: location.pnb)
        else { return text }
        if !erased.contains(where: { $0.physicalOffset == page.physicalOffset }) {
            text += ": its page \(describe(page)) was not erased by this operation"
            if let last = erased.last {
                text += "; the erase went to \(describe(last)) instead"
            }
        }
        return text
    }

    private func protectionError(at address: UInt32) -> String {
        guard let location = try? layout.locate(address),
            let page = layout.page(physicalBank: location.physicalBank, pnb: location.pnb)
        else {
            return "the target is write-protected"
        }
        if controller.isWriteProtected(page) {
            let areas: [OptionRegister] =
                layout.dualBank
                ? (page.physicalBank == 1 ? [.wrp1ar, .wrp1br] : [.wrp2ar, .wrp2br])
                : [.wrp1ar, .wrp1br, .wrp2ar, .wrp2br]
            for area in areas {
                if let pages = controller.effective.writeProtectedPages(area), pages.contains(page.pnb) {
                    let name = String(area.name.dropLast())
                    return
                        "\(hex(address)) is in write-protection area \(name) (pages \(pages.lowerBound)–\(pages.upperBound) "
                        + "of bank \(page.physicalBank)); turn it off with `ob set \(name)_PSTRT=127 \(name)_PEND=0 --launch`"
                }
            }
        }
        if controller.isHidden(page) {
            return "page \(describe(page)) is in a closed secure hide area (HDPx_ACCDIS is set): no erase or program "
                + "reaches it until the next reset"
        }
        let secure = controller.isSecure(page)
        return "with TrustZone on, page \(describe(page)) is \(secure ? "secure" : "non-secure") "
            + "and the operation came through the \(secure ? "non-secure" : "secure") registers"
    }
}
