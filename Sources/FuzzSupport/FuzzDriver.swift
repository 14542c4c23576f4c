#if FUZZING
/// libFuzzer's driver for the fuzz executables (built with -sanitize=fuzzer and -DFUZZING;
/// outside those builds there is nothing here to link).
public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<FuzzArguments>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The one target of this process, set before libFuzzer starts calling it (from one thread).
nonisolated(unsafe) private var target: ([UInt8]) -> Void = { _ in }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Hands the process to libFuzzer, which calls `body` with each input. SwiftPM links an
/// executable's entry point as `<module>_main`, so each fuzz executable calls this from there.
public func runFuzzer(_ argc: Int32, _ argv: FuzzArguments, _ body: @escaping ([UInt8]) -> Void) -> Int32 {
    target = body
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#endif
