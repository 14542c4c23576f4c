/// FlashScope's version, declared once: `flashscope --version` prints it.
enum FlashScopeVersion {
    static let text = "0.1.0"
}
