import { Typography } from 'antd';
import { Link } from 'react-router';
import { usePageTitle } from './usePageTitle';

export function NotFoundPage() {
  usePageTitle('Không tìm thấy trang');
  return (
    <section className="not-found">
      <Typography.Title level={1}>Không tìm thấy trang</Typography.Title>
      <Typography.Paragraph>
        Địa chỉ bạn mở không tồn tại hoặc đã được chuyển. Hãy kiểm tra lại đường dẫn.
      </Typography.Paragraph>
      <Link to="/">Về danh mục hội nghị</Link>
    </section>
  );
}
