/* The main navigation, in the order traders meet the features. */
export interface NavItem {
  path: string;
  label: string;
}

export const navItems: NavItem[] = [
  { path: "/", label: "Dashboard" },
  { path: "/data", label: "Data" },
  { path: "/chart", label: "Chart" },
  { path: "/backtest", label: "Backtest" },
  { path: "/bots", label: "Bots" },
  { path: "/trade", label: "Trade" },
  { path: "/ai", label: "AI" },
  { path: "/security", label: "Security" },
  { path: "/settings", label: "Settings" },
  { path: "/connector", label: "Connector" },
];
