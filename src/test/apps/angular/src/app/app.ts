import { Component, computed, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'py-worker-run'; // defines <py-worker-run>; $event of (py-result) is typed
import type { PyResultDetail } from 'py-worker-run';
import hostile from '../../../hostile.py';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  templateUrl: './app.html',
})
export class App {
  protected readonly values = signal([1, 2, 3, 4]);
  protected readonly context = computed(() => ({ values: this.values() }));
  protected readonly code = 'import statistics\nstatistics.mean(values)';
  protected readonly mean = signal<unknown>(undefined);
  protected readonly renders = signal(0);
  protected readonly shown = signal(true);
  protected readonly hostile = hostile;

  protected showMean(event: CustomEvent<PyResultDetail>): void {
    this.mean.set(event.detail.value);
  }
  protected more(): void {
    this.values.update((values) => [...values, 5]);
  }
  protected same(): void {
    this.values.update((values) => [...values]);
    this.renders.update((n) => n + 1);
  }
}
