import { formatTime } from "../app/format";
import type { Loaded } from "../app/useApi";
import { formatInZone, formatTimeSpan } from "./opsFormat";
import type { Interval, WindowsAnswer } from "./types";
import "./ops.css";

function Span({ interval, timeZone }: { interval?: Interval; timeZone: string }) {
  if (!interval) return <span className="muted">none ahead</span>;
  return (
    <span className="nowrap" title={`your time: ${formatTime(interval.start)} → ${formatTime(interval.end)}`}>
      {formatInZone(interval.start, timeZone)} → {formatInZone(interval.end, timeZone)}
    </span>
  );
}

/** The maintenance windows schedules wait for, and the freezes in force or ahead (nothing runs during one). */
export function WindowsSection({ windows }: { windows: Loaded<WindowsAnswer> }) {
  return (
    <>
      <h3>Maintenance windows</h3>
      {windows.error && <div className="ops-banner error" role="alert">Could not read the windows: {windows.error}</div>}
      {windows.data && (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="windows-table">
            <thead>
              <tr>
                <th>Window</th>
                <th>Opens</th>
                <th>Time zone</th>
                <th>Now</th>
                <th>Current or next opening (its zone)</th>
              </tr>
            </thead>
            <tbody>
              {windows.data.windows.map((w) => (
                <tr key={w.name} data-testid="window-row" data-window={w.name}>
                  <td className="mono">{w.name}</td>
                  <td>{w.cron ? <><code>{w.cron}</code> for {formatTimeSpan(w.duration)}</> : "fixed ranges"}</td>
                  <td>{w.timeZone}</td>
                  <td><span className={`badge ${w.openNow ? "status-ok" : "status-skipped"}`}>{w.openNow ? "open" : "closed"}</span></td>
                  <td className="nowrap"><Span interval={w.next} timeZone={w.timeZone} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {windows.data.windows.length === 0 && <div className="ops-empty">No maintenance window is configured (Runbooks:Maintenance:Windows).</div>}
        </div>
      )}
      <h3>Freezes</h3>
      {windows.data && (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="freezes-table">
            <thead>
              <tr>
                <th>Freeze</th>
                <th>Why</th>
                <th>Time zone</th>
                <th>Now</th>
                <th>In force, now and ahead (its zone)</th>
              </tr>
            </thead>
            <tbody>
              {windows.data.freezes.map((f) => (
                <tr key={f.name} data-testid="freeze-row" data-freeze={f.name}>
                  <td className="mono">{f.name}</td>
                  <td className="reason">{f.reason}</td>
                  <td>{f.timeZone}</td>
                  <td><span className={`badge ${f.inForceNow ? "status-failed" : "status-skipped"}`}>{f.inForceNow ? "in force" : "not in force"}</span></td>
                  <td>
                    {f.ranges.length === 0 ? (
                      <span className="muted">none ahead</span>
                    ) : (
                      <ul className="ops-next">
                        {f.ranges.map((range) => <li key={range.start}><Span interval={range} timeZone={f.timeZone} /></li>)}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {windows.data.freezes.length === 0 && <div className="ops-empty">No freeze is configured (Runbooks:Maintenance:Freezes).</div>}
        </div>
      )}
    </>
  );
}
