/// Reads mail for screening. (Being written.)
public enum SafepostMIMENamespace {}
