export function RunbookList() {
  return <section className="page"><h2>Runbooks</h2></section>;
}
