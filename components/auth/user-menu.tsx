import Link from "next/link";
import { headers } from "next/headers";
import { signOutAction } from "@/lib/actions/auth";
import { authEnabled, currentPrincipal } from "@/lib/server/auth/principal";

/** The signed-in user, their account and admin links, and Sign out (nothing when auth is off). */
export async function UserMenu() {
  await headers(); // per request: never prerendered with someone else's name
  if (!authEnabled()) return null;
  const p = currentPrincipal();
  if (p.kind !== "user") return <Link href="/signin">Sign in</Link>;
  return (
    <nav className="user-menu small" aria-label="Account">
      {p.role === "admin" && <Link href="/admin">Admin</Link>}
      <Link href="/account" data-testid="user-name">
        {p.username} <span className="muted">({p.role})</span>
      </Link>
      <form action={signOutAction}>
        <button type="submit" className="btn btn-sm">
          Sign out
        </button>
      </form>
    </nav>
  );
}
