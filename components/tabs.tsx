import Link from "next/link";

/** Tabs as links: the current tab lives in the URL (`?tab=`), so every view can be shared. */
export function Tabs({ base, current, tabs }: { base: string; current: string; tabs: { id: string; label: string }[] }) {
  return (
    <nav className="tabs" role="tablist" aria-label="Sections">
      {tabs.map((t, i) => (
        <Link key={t.id} role="tab" aria-selected={t.id === current} href={i === 0 ? base : `${base}?tab=${t.id}`} scroll={false}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
