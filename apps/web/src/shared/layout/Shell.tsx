import { Button, Layout } from 'antd';
import { Suspense, useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { onSessionExpired } from '../auth/session';
import { Loading } from '../ui/Loading';

/** Header with the menu a person's roles allow, and the page. */
export function Shell() {
  const { me, hasRole, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();

  // A 401 that one refresh could not fix: sign in again, then come back here.
  useEffect(
    () =>
      onSessionExpired(() => {
        const here = `${window.location.pathname}${window.location.search}`;
        void navigate(`/dang-nhap?tiep=${encodeURIComponent(here)}`, { replace: true });
      }),
    [navigate],
  );

  return (
    <Layout className="shell">
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="shell-header">
        <Link to="/" className="brand">
          Tập huấn thông tin đối ngoại
        </Link>
        <nav aria-label="Điều hướng chính" className="shell-nav">
          <NavLink to="/" end>
            Danh mục hội nghị
          </NavLink>
          <NavLink to="/lich">Lịch</NavLink>
          {hasRole('province_delegate') && <NavLink to="/dai-bieu">Đăng ký của tỉnh</NavLink>}
          {(hasRole('organiser') || hasRole('admin')) && <NavLink to="/quan-ly">Quản lý hội nghị</NavLink>}
          {hasRole('admin') && <NavLink to="/quan-tri/nguoi-dung">Người dùng</NavLink>}
          {hasRole('admin') && <NavLink to="/quan-tri/nhat-ky">Nhật ký</NavLink>}
          {(hasRole('coordinator') || hasRole('organiser')) && <NavLink to="/dieu-phoi">Điều phối</NavLink>}
          {me ? (
            <>
              <NavLink to="/tai-khoan">Tài khoản</NavLink>
              <Button
                type="link"
                onClick={() => {
                  void signOut().then(() => navigate('/'));
                }}
              >
                Đăng xuất
              </Button>
            </>
          ) : (
            <NavLink to={`/dang-nhap?tiep=${encodeURIComponent(location.pathname + location.search)}`}>
              Đăng nhập
            </NavLink>
          )}
        </nav>
      </header>
      <main id="noi-dung" className="shell-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </Layout>
  );
}
