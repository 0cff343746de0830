/// Talks to safepostd over its Unix socket. (Being written: see docs/daemon.md.)
public enum SafepostClientNamespace {}
