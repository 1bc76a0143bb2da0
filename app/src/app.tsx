/* Router and the list of the product's pages (one thin route component per page). */
import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { authRoutes } from "./routes/auth-routes.tsx";
import { Layout } from "./ui/layout.tsx";

const Dashboard = lazy(() => import("./routes/dashboard.tsx").then((m) => ({ default: m.DashboardPage })));
const Data = lazy(() => import("./routes/data.tsx").then((m) => ({ default: m.DataPage })));
const Chart = lazy(() => import("./routes/chart.tsx").then((m) => ({ default: m.ChartPage })));
const Backtest = lazy(() => import("./routes/backtest.tsx").then((m) => ({ default: m.BacktestPage })));
const Bots = lazy(() => import("./routes/bots.tsx").then((m) => ({ default: m.BotsPage })));
const Trade = lazy(() => import("./routes/trade.tsx").then((m) => ({ default: m.TradePage })));
const Ai = lazy(() => import("./routes/ai.tsx").then((m) => ({ default: m.AiPage })));
const Security = lazy(() => import("./routes/security.tsx").then((m) => ({ default: m.SecurityPage })));
const Settings = lazy(() => import("./routes/settings.tsx").then((m) => ({ default: m.SettingsPage })));
const Connector = lazy(() => import("./routes/connector.tsx").then((m) => ({ default: m.ConnectorPage })));
const NotFound = lazy(() => import("./routes/not-found.tsx").then((m) => ({ default: m.NotFoundPage })));

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Dashboard} />
      <Route path="/data" component={Data} />
      <Route path="/chart" component={Chart} />
      <Route path="/backtest/*" component={Backtest} />
      <Route path="/bots" component={Bots} />
      <Route path="/trade" component={Trade} />
      <Route path="/ai" component={Ai} />
      <Route path="/security" component={Security} />
      <Route path="/settings" component={Settings} />
      <Route path="/connector" component={Connector} />
      {authRoutes.map((r) => (
        <Route path={r.path} component={r.component} />
      ))}
      <Route path="*404" component={NotFound} />
    </Router>
  );
}
