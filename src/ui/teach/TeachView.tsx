export function TeachView() {
  return <section data-testid="teach">Teach view</section>;
}
