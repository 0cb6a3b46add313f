import { Alert, Button, DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RequireRole } from '../../registration/RequireRole';
import { ApiError, errorMessage, fieldMessage } from '../../shared/api/problem';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { ORGANISER_ROLES } from '../SessionsPage';
import { useProposeArticle } from './queries';
import type { ImportArticle } from './types';

/** The API reads at most this much of a report (UTF-8), and answers 413 beyond it. */
const MAX_KIB = 512;

interface ArticleFormValues {
  text: string;
  url?: string;
  publisher?: string;
  publishedOn?: Dayjs | null;
}

const LABELS: Record<keyof ArticleFormValues, string> = {
  text: 'Nội dung bài báo',
  url: 'Địa chỉ bài báo (URL)',
  publisher: 'Cơ quan báo chí',
  publishedOn: 'Ngày đăng',
};

const kib = (text: string) => Math.ceil(new TextEncoder().encode(text).length / 1024);

export default function ImportArticlePage() {
  usePageTitle('Nhập hội nghị từ bài báo');
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <ImportArticle />
    </RequireRole>
  );
}

function ImportArticle() {
  const [form] = Form.useForm<ArticleFormValues>();
  const navigate = useNavigate();
  const propose = useProposeArticle();
  const [failure, setFailure] = useState<string | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    // The API reduces an HTML page to its paragraphs itself: the file goes as it is.
    const text = await file.text();
    form.setFieldValue('text', text);
    await form.validateFields(['text']).catch(() => undefined);
    setFileNote(`Đã đọc tệp «${file.name}» vào ô nội dung (${kib(text)} KiB).`);
  };

  const submit = async (values: ArticleFormValues) => {
    setFailure(null);
    const body: ImportArticle = { text: values.text };
    if (values.url?.trim()) body.url = values.url.trim();
    if (values.publisher?.trim()) body.publisher = values.publisher.trim();
    if (values.publishedOn) body.publishedOn = values.publishedOn.format('YYYY-MM-DD');
    try {
      const stored = await propose.mutateAsync(body);
      await navigate(`/quan-ly/nhap-bai-bao/${stored.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) {
        setFailure(
          `Bài quá dài (${kib(values.text)} KiB): mỗi lần chỉ đọc được tối đa ${MAX_KIB} KiB. ` +
            'Hãy chỉ dán phần nội dung của bài báo.',
        );
        return;
      }
      if (error instanceof ApiError) {
        const fields = error.fieldErrors
          .filter((f) => f.path in LABELS)
          .map((f) => ({
            name: f.path as keyof ArticleFormValues,
            errors: [
              // Said in the page's own words whichever language the API answered in.
              /must be a URL|http:\/\/ hoặc https:\/\//.test(f.message)
                ? 'Địa chỉ bài báo không hợp lệ: cần một địa chỉ đầy đủ, bắt đầu bằng http:// hoặc https://.'
                : fieldMessage(f, error.inVietnamese, LABELS[f.path as keyof ArticleFormValues]),
            ],
          }));
        if (fields.length) {
          form.setFields(fields);
          form.focusField(fields[0].name);
          return;
        }
      }
      setFailure(errorMessage(error));
    }
  };

  return (
    <>
      <p>
        <Link to="/quan-ly">← Quản lý hội nghị</Link>
      </p>
      <Typography.Title level={1}>Nhập hội nghị từ bài báo</Typography.Title>
      <Typography.Paragraph>
        Dán bài báo đưa tin về một hội nghị tập huấn (hoặc chọn tệp .txt, .html). Hệ thống đọc bài và đề xuất một phiên
        nháp: mỗi trường kèm câu trích trong bài. Bạn xem lại, sửa rồi mới chấp nhận.
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} className="session-form">
        {failure && <Alert type="error" showIcon role="alert" title={failure} />}
        <Form.Item
          label={LABELS.text}
          name="text"
          rules={[{ required: true, whitespace: true, message: 'Vui lòng dán nội dung bài báo hoặc chọn tệp.' }]}
          extra={`Mỗi dòng là một đoạn. Tối đa ${MAX_KIB} KiB.`}
        >
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} />
        </Form.Item>
        <div className="stack-label">
          <label htmlFor="import-file">Hoặc chọn tệp bài báo (.txt, .html)</label>
          <input
            id="import-file"
            type="file"
            accept=".txt,.html,.htm,text/plain,text/html"
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
          {fileNote && (
            <span className="hint" role="status">
              {fileNote}
            </span>
          )}
        </div>
        <div className="form-grid">
          <Form.Item label={LABELS.url} name="url">
            <Input inputMode="url" placeholder="https://…" />
          </Form.Item>
          <Form.Item label={LABELS.publisher} name="publisher">
            <Input />
          </Form.Item>
          <Form.Item label={LABELS.publishedOn} name="publishedOn" extra="Để hiểu đúng ngày viết tắt như «sáng 9/11».">
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={propose.isPending}>
            Đọc bài
          </Button>
        </div>
      </Form>
    </>
  );
}
