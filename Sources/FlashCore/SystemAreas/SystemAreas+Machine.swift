/// The system memory, DBGMCU and the old IDCODE locations on a machine's bus.
extension Machine {
    func mapSystemAreas(uid: DeviceUID) {
        bus.map(BusWindow(base: SystemArea.otpBase, size: SystemArea.otpSize), to: OTPPort(controller))
        let info = SystemInfoPort(part: part, uid: uid)
        for (tag, window) in SystemInfoPort.windows.enumerated() {
            bus.map(BusWindow(base: window.register.address, size: window.size, tag: tag), to: info)
        }
        bus.map(BusWindow(base: SystemArea.dbgmcuBase, size: SystemArea.dbgmcuSize), to: DBGMCUPort())
        let controller = self.controller
        for location in OldIDCodeLocation.allCases {
            bus.map(
                BusWindow(base: location.address, size: 4),
                to: OldIDCodePort(location) { controller.assumptions.oldDBGMCUAddress == .busError })
        }
    }
}

extension Machine {
    /// The bytes of a system area as they are now, read without side effects (no trace, no
    /// waiting on a busy controller): for the hex view.
    package func systemBytes(_ area: SystemLocation.Area) -> [UInt8] {
        if area == .otp { return controller.otp.bytes }
        return stride(from: area.start, to: area.start + area.size, by: 4).flatMap { word in
            littleEndianBytes(bus.peekValue(word) ?? 0)
        }
    }
}
