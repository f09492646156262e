import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { NavLinks } from "@/components/nav-links";
import { Providers } from "@/components/providers";
import { ThemeToggle, themeBootScript } from "@/components/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Model Studio", template: "%s · Model Studio" },
  description: "Browse MLflow training jobs and registered models",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours that sets the theme before first paint (no flash) */}
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <Link href="/" className="brand">
            <span aria-hidden>◆</span> Model Studio
          </Link>
          <NavLinks />
          <div className="spacer" />
          <UserMenu />
          <ThemeToggle />
        </header>
        <Providers>
          <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
