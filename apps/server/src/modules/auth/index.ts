// The auth module's front door: accounts, grants and sessions. The access gate (platform/auth.ts)
// gets `sessionResolver` from here in app.ts; the admin module's routes use the account and grant
// operations. Other modules import this file only, never the module's tables or inner files.
export { createGrant, deleteGrant, listGrants } from './auth.grants.ts';
export { endSessionsOf, resolveActor, sessionResolver } from './auth.sessions.ts';
export { resetTotp } from './auth.totp.ts';
export {
  bootstrapAdmins,
  createUser,
  disableInactiveAccounts,
  getUser,
  listUsers,
  resetPassword,
  toUserDto,
  unlockUser,
  updateUser,
} from './auth.users.ts';
