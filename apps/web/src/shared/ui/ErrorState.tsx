import { Alert, Button } from 'antd';
import { errorMessage, NetworkError } from '../api/problem';

/** A failed load, in Vietnamese, where the content would have been; a retry when retrying can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const retryable =
    error instanceof NetworkError || !('status' in Object(error)) || Number(Object(error).status) >= 500;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error)}
      action={
        onRetry && retryable ? (
          <Button size="small" onClick={onRetry}>
            Thử lại
          </Button>
        ) : undefined
      }
    />
  );
}
