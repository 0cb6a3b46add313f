import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Switch } from 'antd';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import { Loading } from '../shared/ui/Loading';

type Category = 'delegate_updates' | 'moderation_digest' | 'coordinator_briefing' | 'session_changes';

const CATEGORY_NAMES: Record<Category, string> = {
  delegate_updates: 'Kết quả đăng ký của người do tôi đăng ký (thư tổng hợp khi tải danh sách)',
  moderation_digest: 'Thư tổng hợp hằng ngày các đăng ký chờ phê duyệt',
  coordinator_briefing: 'Thư nhắc ngày trước hội nghị tôi điều phối điểm danh',
  session_changes: 'Thay đổi lịch, địa điểm hoặc hủy hội nghị',
};

const KEY = ['notification-preferences'];

/** The user's e-mail switches: each category on or off (GET/PUT /notifications/preferences). */
export function MailPreferences() {
  const queryClient = useQueryClient();
  const preferences = useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/notifications/preferences')),
  });
  const save = useMutation({
    mutationFn: (disabled: Category[]) => unwrap(api.PUT('/api/v1/notifications/preferences', { body: { disabled } })),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
  if (preferences.isPending) return <Loading />;
  if (preferences.isError) return <Alert type="error" showIcon role="alert" title={errorMessage(preferences.error)} />;
  const disabled = new Set(preferences.data.disabled as Category[]);
  const toggle = (category: Category, on: boolean) => {
    const next = new Set(disabled);
    if (on) next.delete(category);
    else next.add(category);
    save.mutate([...next]);
  };
  return (
    <section className="section narrow" aria-labelledby="thu-thong-bao">
      <h2 id="thu-thong-bao">Thư thông báo</h2>
      {save.isError && <Alert type="error" showIcon role="alert" title={errorMessage(save.error)} />}
      <ul className="stack">
        {(preferences.data.categories as Category[]).map((category) => (
          <li key={category}>
            <Switch
              aria-label={CATEGORY_NAMES[category]}
              checked={!disabled.has(category)}
              loading={save.isPending}
              onChange={(on) => toggle(category, on)}
            />{' '}
            {CATEGORY_NAMES[category]}
          </li>
        ))}
      </ul>
      <p>Thư về đăng ký của chính người tham dự (xác nhận, nhắc lịch, mã QR) luôn được gửi.</p>
    </section>
  );
}
