export default function DelegateSessionPage() {
  return null;
}
