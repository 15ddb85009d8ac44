-- Identity checks a token against the revocation events that could match it, found by these columns.
CREATE INDEX revocation_events_audit ON revocation_events (audit_id);
CREATE INDEX revocation_events_chain ON revocation_events (audit_chain_id);
CREATE INDEX revocation_events_user ON revocation_events (user_id);
CREATE INDEX revocation_events_project ON revocation_events (project_id);
CREATE INDEX revocation_events_domain ON revocation_events (domain_id);
