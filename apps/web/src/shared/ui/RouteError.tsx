import { Button, Typography } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/**
 * A screen's code failed to load (the network dropped, or a new version replaced its chunk) or
 * threw: say so in Vietnamese and offer a reload, never a blank page.
 */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <section className="route-error" role="alert">
      <Typography.Title level={1}>Không tải được trang</Typography.Title>
      <Typography.Paragraph>Kết nối có thể đã gián đoạn. Vui lòng thử lại.</Typography.Paragraph>
      <Button type="primary" onClick={() => window.location.reload()}>
        Thử lại
      </Button>
    </section>
  );
}
