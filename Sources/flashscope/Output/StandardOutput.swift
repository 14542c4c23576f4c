#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Output that could not be written (a full disk, a closed pipe) fails the command with 74
/// instead of ending with 0 and a truncated listing. Called on the main thread only.
func checkStandardOutput() throws {
    if fflush(stdout) != 0 || ferror(stdout) != 0 {
        throw CommandFailure(
            "standard output: cannot write: \(String(cString: strerror(errno)))", status: ExitStatus.ioError)
    }
}
