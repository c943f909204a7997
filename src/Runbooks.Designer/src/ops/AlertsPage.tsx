// Placeholder: written by the ops-pages work.
export function AlertsPage() {
  
  return <section className="page"><h2>AlertsPage</h2></section>;
}
