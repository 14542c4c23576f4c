/// Sectors kept elsewhere (the device file) and fetched one at a time when first touched,
/// so opening a device with 64 MiB of OCTOSPI data costs no more than listing which sectors hold data.
package final class SectorSource: @unchecked Sendable {
    /// Offsets of the sectors the source holds.
    package let offsets: Set<UInt32>
    private let fetch: (UInt32) -> [UInt8]?

    /// `fetch` must return the same bytes for an offset every time (the file does not change under the model).
    package init(offsets: Set<UInt32>, fetch: @escaping (UInt32) -> [UInt8]?) {
        self.offsets = offsets
        self.fetch = fetch
    }

    package func load(_ offset: UInt32) -> [UInt8]? {
        offsets.contains(offset) ? fetch(offset) : nil
    }

    /// The same source, answering only for some of its offsets.
    func restricted(to subset: Set<UInt32>) -> SectorSource {
        SectorSource(offsets: offsets.intersection(subset), fetch: fetch)
    }
}
