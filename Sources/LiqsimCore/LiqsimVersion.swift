/// The version written into capture headers and result manifests.
public enum LiqsimVersion {
    public static let current = "0.1.0"
}
