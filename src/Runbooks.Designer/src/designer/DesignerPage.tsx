export function DesignerPage({ name }: { name: string | null }) {
  return <section className="page"><h2>{name}</h2></section>;
}
