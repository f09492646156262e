import Link from "next/link";

export default function NotFound() {
  return (
    <section className="empty-state" data-testid="not-found">
      <h2>Not found</h2>
      <p className="muted">Nothing lives at this address. It may have been deleted or renamed.</p>
      <p>
        <Link href="/jobs">Jobs</Link> · <Link href="/models">Models</Link>
      </p>
    </section>
  );
}
