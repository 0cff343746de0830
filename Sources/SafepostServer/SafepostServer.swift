/// The safepostd server. (Being written: see docs/daemon.md.)
public enum SafepostServerNamespace {}
