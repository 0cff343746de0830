// The command line for the Swift runtime of the static safepost-mail-filter, taken from glibc's
// constructor arguments. See SafepostMailFilterArgs.c. Nothing here is called from Swift.
#ifndef CSAFEPOST_MAIL_FILTER_ARGS_H
#define CSAFEPOST_MAIL_FILTER_ARGS_H
#endif
