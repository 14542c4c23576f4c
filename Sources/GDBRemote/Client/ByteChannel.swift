/// What a client talks through: a connected byte stream with a clock for its deadlines
/// (a TCP socket in the product, crafted bytes in tests).
package protocol ByteChannel: AnyObject {
    /// Sends every byte; throws `.closed` when the peer is gone.
    func send(_ bytes: [UInt8]) throws(ClientError)
    /// Waits at most `milliseconds` for bytes: what arrived (empty when none did in time);
    /// throws `.closed` when the peer closed the connection.
    func receive(waitingAtMost milliseconds: Int) throws(ClientError) -> [UInt8]
    /// A monotonic clock in milliseconds, for the client's deadlines.
    var milliseconds: UInt64 { get }
}
