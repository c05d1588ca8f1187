import { Component, CUSTOM_ELEMENTS_SCHEMA, input, signal } from '@angular/core';
import 'py-worker-run'; // defines <py-worker-run>; $event of (py-result) is typed

@Component({
  selector: 'app-mean',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <py-worker-run id="mean" [context]="{ values: values() }" [code]="code" (py-result)="mean.set($event.detail.value)"></py-worker-run>
    <p id="mean-out">Mean: {{ mean() }}</p>
  `,
})
export class Mean {
  readonly values = input.required<number[]>();
  protected readonly code = 'import statistics\nstatistics.mean(values)';
  protected readonly mean = signal<unknown>(undefined);
}
