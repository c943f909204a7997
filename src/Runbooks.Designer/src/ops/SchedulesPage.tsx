// Placeholder: written by the ops-pages work.
export function SchedulesPage() {
  
  return <section className="page"><h2>SchedulesPage</h2></section>;
}
