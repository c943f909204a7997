// Placeholder: written by the ops-pages work.
export function RunHistory({ query }: { query: URLSearchParams }) {
  void query;
  return <section className="page"><h2>RunHistory</h2></section>;
}
