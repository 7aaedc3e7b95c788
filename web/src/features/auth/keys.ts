/** Query key of the signed-in user (`GET /api/auth/me`); `null` data means signed out. */
export const meQueryKey = ['auth', 'me'] as const;
