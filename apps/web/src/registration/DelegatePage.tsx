export default function DelegatePage() {
  return null;
}
