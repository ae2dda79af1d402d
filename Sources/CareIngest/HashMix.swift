/// MurmurHash3's 64-bit finaliser: spreads every bit of `k` over the whole word. The one mixer of
/// ingest's own hash tables (row fingerprints, child ids).
@inline(__always)
func fmix64(_ k0: UInt64) -> UInt64 {
    var k = k0
    k ^= k >> 33; k = k &* 0xff51afd7ed558ccd; k ^= k >> 33; k = k &* 0xc4ceb9fe1a85ec53; k ^= k >> 33
    return k
}
