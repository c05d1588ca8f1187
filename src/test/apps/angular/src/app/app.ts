// The page the app test drives (src/test/apps/check-app.mjs): Mean, with a new context, an equal one, removal.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import hostile from '../../../hostile.py';
import { Mean } from './mean';

@Component({
  selector: 'app-root',
  imports: [Mean],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  templateUrl: './app.html',
})
export class App {
  protected readonly values = signal([1, 2, 3, 4]);
  protected readonly renders = signal(0);
  protected readonly shown = signal(true);
  protected readonly hostile = hostile;

  protected more(): void {
    this.values.update((values) => [...values, 5]);
  }
  protected same(): void {
    this.values.update((values) => [...values]);
    this.renders.update((n) => n + 1);
  }
}
