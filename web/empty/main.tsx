import { render } from 'preact';

// Renders one element and marks it, as the client marks its seat map: the benchmark's floor.
function Empty() {
  return <p id="empty">empty</p>;
}

render(<Empty />, document.getElementById('app')!);
performance.mark('madang:interactive');
