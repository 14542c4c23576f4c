/// Receives the data a reader decodes, record by record, in file order.
///
/// `place` identifies where the data came from (a line number for text
/// formats, a program header index for ELF) so errors can name it.
/// Callers guarantee `address + bytes.count <= 2^32`.
protocol RecordSink {
    mutating func data(_ bytes: UnsafeBufferPointer<UInt8>, at address: UInt32, place: Int)
}
