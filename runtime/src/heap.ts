/**
 * Binary min-heap operations on a plain array, shared by the loop's timeouts and
 * `PriorityQueue`. Internal to the package.
 */

/** Whether `a` must leave the heap before `b`. */
export type Less<T> = (a: T, b: T) => boolean;

/**
 * Adds `item`. Its place is found before anything moves, so a `less` that throws
 * leaves the heap as it was.
 *
 * @example
 * heapPush(items, 3, (a, b) => a < b);
 */
export function heapPush<T>(heap: T[], item: T, less: Less<T>): void {
  let target = heap.length;
  while (target > 0) {
    const parent = (target - 1) >> 1;
    if (!less(item, heap[parent])) break;
    target = parent;
  }
  let hole = heap.length;
  heap.push(item);
  while (hole > target) {
    const parent = (hole - 1) >> 1;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[target] = item;
}

/**
 * Removes and returns the first item (undefined when the heap is empty).
 *
 * @example
 * const smallest = heapPop(items, (a, b) => a < b);
 */
export function heapPop<T>(heap: T[], less: Less<T>): T | undefined {
  if (heap.length === 0) return undefined;
  const top = heap[0];
  const last = heap.pop() as T;
  if (heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let first = i;
    if (left < heap.length && less(heap[left], heap[first])) first = left;
    if (right < heap.length && less(heap[right], heap[first])) first = right;
    if (first === i) break;
    [heap[i], heap[first]] = [heap[first], heap[i]];
    i = first;
  }
  return top;
}
