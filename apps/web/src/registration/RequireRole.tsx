import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../shared/auth/AuthProvider';
import { Loading } from '../shared/ui/Loading';

/** Signed-out visitors go to sign-in (and come back); signed-in people without the role (any of the roles) are told so. */
export function RequireRole({ role, children }: { role: string | string[]; children: ReactNode }) {
  const { me, loading, hasRole } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me)
    return <Navigate to={`/dang-nhap?tiep=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!(Array.isArray(role) ? role : [role]).some(hasRole)) {
    return (
      <section>
        <Typography.Title level={1}>Không có quyền truy cập</Typography.Title>
        <Typography.Paragraph>Tài khoản của bạn không có quyền xem trang này.</Typography.Paragraph>
      </section>
    );
  }
  return <>{children}</>;
}
