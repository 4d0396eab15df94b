export function CompareView() {
  return <section data-testid="compare">Compare view</section>;
}
