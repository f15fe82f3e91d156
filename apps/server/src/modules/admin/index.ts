// The admin module (系统管理: settings and the audit log) has no tables of its own and offers
// nothing to other modules: its routes call the platform and the auth module.
export {};
