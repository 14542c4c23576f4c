import Foundation
import Testing

/// gdb's msp/psp and the secext banked stack pointers follow `stack-pointer-bank`, as DCRSR does.
@Suite(.serialized) struct GDBStackPointerTests {
    @Test(arguments: [("running-state", "msp_ns", "msp_s"), ("secure", "msp_s", "msp_ns")])
    func mspIsTheBankedRegisterTheAssumptionNames(choice: String, aliased: String, other: String) throws {
        guard let (runner, server) = try GDBServeTests.served(setup: [["assume", "stack-pointer-bank=\(choice)"]])
        else { return }
        let (status, output) = try server.gdb([
            "set $\(other) = 0x20002000", "set $msp = 0x20004000", "p/x $\(aliased)", "p/x $\(other)",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("$1 = 0x20004000\n$2 = 0x20002000"), "\(output)")
        #expect(server.stop().status == 0)
        let info = try runner.run(["info"]).text
        #expect(info.contains("stack-pointer-bank"), "\(info)")
    }
}
