# Install and uninstall (included from the top-level Makefile). See docs/systemd.md.
#
#   make install      build in release, then install safepost, safepostd and safepost-mail-filter
#                     (the Postfix content filter, docs/postfix.md), the systemd units,
#                     the sysusers.d and tmpfiles.d entries and the docs; the default Rules and
#                     safepostd.conf only when they are missing (a setting's own are never
#                     overwritten); then create the user and directories and reload systemd
#   make uninstall    remove the binaries, units, sysusers.d/tmpfiles.d entries and docs; never
#                     /etc/safepost (the setting's Rules and configuration) nor /var/lib/safepost
#                     (the record of concern)
#
# Run as root. PREFIX moves binaries, units and docs (default /usr/local); the configuration is
# always in /etc/safepost. DESTDIR stages a package: files are only copied, nothing is run.
# Units go to $(PREFIX)/lib/systemd/system, which systemd searches for PREFIX=/usr/local or /usr,
# so /etc/systemd/system stays free for the administrator's drop-ins (`systemctl edit`).

PREFIX          ?= /usr/local
DESTDIR         ?=
BINDIR          ?= $(PREFIX)/bin
DOCDIR          ?= $(PREFIX)/share/doc/safepost
SYSTEMD_UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR     ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR     ?= $(PREFIX)/lib/tmpfiles.d
SAFEPOST_CONFDIR := /etc/safepost
SAFEPOST_UNITS  := safepostd.service safepostd.socket
INSTALL         ?= install

# The units name /usr/local/bin/safepostd and /usr/local/share/doc/safepost; follow PREFIX.
SAFEPOST_UNIT_SED := sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/usr/local/share/doc/safepost/|$(DOCDIR)/|g'

.PHONY: install uninstall

install: release
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(SYSTEMD_UNITDIR) \
	  $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR)
	$(INSTALL) -d -m 0755 $(DESTDIR)$(SAFEPOST_CONFDIR)
	$(INSTALL) -m 0755 .build/release/safepost .build/release/safepostd .build/release/safepost-mail-filter $(DESTDIR)$(BINDIR)/
	for unit in $(SAFEPOST_UNITS); do \
	  $(SAFEPOST_UNIT_SED) systemd/$$unit > $(DESTDIR)$(SYSTEMD_UNITDIR)/$$unit && \
	  chmod 0644 $(DESTDIR)$(SYSTEMD_UNITDIR)/$$unit || exit 1; \
	done
	$(INSTALL) -m 0644 systemd/safepost.sysusers $(DESTDIR)$(SYSUSERSDIR)/safepost.conf
	$(INSTALL) -m 0644 systemd/safepost.tmpfiles $(DESTDIR)$(TMPFILESDIR)/safepost.conf
	$(INSTALL) -m 0644 docs/systemd.md docs/daemon.md docs/postfix.md $(DESTDIR)$(DOCDIR)/
	@if [ -e $(DESTDIR)$(SAFEPOST_CONFDIR)/safepostd.conf ]; then \
	  echo "note: $(SAFEPOST_CONFDIR)/safepostd.conf exists: kept as it is (the shipped one is systemd/safepostd.conf)"; \
	else \
	  echo "$(INSTALL) -m 0644 systemd/safepostd.conf $(DESTDIR)$(SAFEPOST_CONFDIR)/safepostd.conf"; \
	  $(INSTALL) -m 0644 systemd/safepostd.conf $(DESTDIR)$(SAFEPOST_CONFDIR)/safepostd.conf; \
	fi
	@# The Rules name the setting's children: the folder is 0700, and safepost.tmpfiles
	@# gives it to the daemon's user (z line) once that user exists.
	@if [ -e $(DESTDIR)$(SAFEPOST_CONFDIR)/rules ]; then \
	  echo "note: $(SAFEPOST_CONFDIR)/rules exists: left untouched, the setting's own Rules are never overwritten."; \
	  echo "      To see what the shipped Rules would change: diff -r $(RULES) $(SAFEPOST_CONFDIR)/rules"; \
	else \
	  echo "installing the default Rules from $(RULES)/ in $(SAFEPOST_CONFDIR)/rules"; \
	  $(INSTALL) -d -m 0700 $(DESTDIR)$(SAFEPOST_CONFDIR)/rules && \
	  cp -R $(RULES)/. $(DESTDIR)$(SAFEPOST_CONFDIR)/rules/ || exit 1; \
	fi
	@case "$(SYSTEMD_UNITDIR)" in \
	  /etc/systemd/system|/usr/local/lib/systemd/system|/usr/lib/systemd/system|/lib/systemd/system) ;; \
	  *) echo "warning: systemd does not look for units in $(SYSTEMD_UNITDIR);" \
	          "pass SYSTEMD_UNITDIR=/etc/systemd/system SYSUSERSDIR=/etc/sysusers.d TMPFILESDIR=/etc/tmpfiles.d" ;; \
	esac
	@if [ -n "$(DESTDIR)" ]; then \
	  echo "staged in $(DESTDIR); nothing was run. On the target machine, as root:"; \
	  echo "  systemd-sysusers && systemd-tmpfiles --create && systemctl daemon-reload"; \
	  echo "  systemctl enable --now safepostd.socket"; \
	  exit 0; \
	fi; \
	if command -v systemd-sysusers >/dev/null 2>&1; then \
	  echo "systemd-sysusers $(SYSUSERSDIR)/safepost.conf"; systemd-sysusers $(SYSUSERSDIR)/safepost.conf || exit 1; \
	else \
	  echo "warning: no systemd-sysusers here: create the system user and group 'safepost' (home /var/lib/safepost) by hand"; \
	fi; \
	if command -v systemd-tmpfiles >/dev/null 2>&1; then \
	  echo "systemd-tmpfiles --create $(TMPFILESDIR)/safepost.conf"; systemd-tmpfiles --create $(TMPFILESDIR)/safepost.conf || exit 1; \
	fi; \
	if [ -d /run/systemd/system ]; then \
	  echo "systemctl daemon-reload"; systemctl daemon-reload || exit 1; \
	  if systemctl -q is-active safepostd.service; then \
	    echo "note: safepostd is running the previous binary: systemctl restart safepostd"; \
	  fi; \
	  echo "installed. Check the configuration and Rules, then start serving:"; \
	  echo "  $(BINDIR)/safepostd --check-config"; \
	  echo "  systemctl enable --now safepostd.socket"; \
	else \
	  echo "installed. systemd is not running here (no /run/systemd/system): nothing was enabled or started."; \
	  echo "On a machine booted with systemd: systemctl daemon-reload && systemctl enable --now safepostd.socket"; \
	fi

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	  echo "systemctl disable --now safepostd.socket safepostd.service"; \
	  systemctl disable --now safepostd.socket safepostd.service || true; \
	fi
	rm -f $(DESTDIR)$(BINDIR)/safepost $(DESTDIR)$(BINDIR)/safepostd $(DESTDIR)$(BINDIR)/safepost-mail-filter
	rm -f $(addprefix $(DESTDIR)$(SYSTEMD_UNITDIR)/,$(SAFEPOST_UNITS))
	rm -f $(DESTDIR)$(SYSUSERSDIR)/safepost.conf $(DESTDIR)$(TMPFILESDIR)/safepost.conf
	rm -f $(DESTDIR)$(DOCDIR)/systemd.md $(DESTDIR)$(DOCDIR)/daemon.md $(DESTDIR)$(DOCDIR)/postfix.md
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	  echo "systemctl daemon-reload"; systemctl daemon-reload; \
	fi
	@echo "kept: $(SAFEPOST_CONFDIR) (the Rules and safepostd.conf), /var/lib/safepost (the record of concern)"
	@echo "      and the user 'safepost'. The record of concern is a safeguarding record: keep it as"
	@echo "      long as the setting's policy says before removing it by hand."
