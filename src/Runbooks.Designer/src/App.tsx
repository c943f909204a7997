export function App() {
  return <main data-testid="app">Runbooks</main>;
}
