import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { StaffLayout } from './StaffLayout.tsx';

/** `/app/...`: the staff layout, for signed-in users only. */
export function StaffArea() {
  return (
    <RequireAuth>
      <StaffLayout />
    </RequireAuth>
  );
}
