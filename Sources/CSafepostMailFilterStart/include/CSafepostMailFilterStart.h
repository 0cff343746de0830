// Start-up overrides for the static safepost-mail-filter: definitions that keep two of the Swift
// runtime's costly constructors out of the executable (Arguments.c, Backtracing.c). Nothing here
// is called from Swift; the target is linked only into that executable.
#ifndef CSAFEPOST_MAIL_FILTER_START_H
#define CSAFEPOST_MAIL_FILTER_START_H
#endif
