import { type WidgetProps } from '../context';
import {
  ColorWidget,
  DateTimeWidget,
  JsonWidget,
  NumberWidget,
  TextAreaWidget,
  TextWidget,
  ToggleWidget,
} from './basic';
import { CredentialTypeWidget, DynamicSelectWidget, LocatorWidget, MultiSelectWidget, SelectWidget } from './choices';
import { CollectionWidget, FixedCollectionWidget } from './collections';
import { FilterWidget } from '../FilterWidget';

/** The control for a field's widget hint. */
export function Widget(p: WidgetProps) {
  switch (p.f.widget) {
    case 'text':
    case 'password':
      return <TextWidget {...p} />;
    case 'textarea':
      return <TextAreaWidget {...p} />;
    case 'number':
      return <NumberWidget {...p} />;
    case 'toggle':
      return <ToggleWidget {...p} />;
    case 'select':
      return p.f.ui.dynamicOptions ? <DynamicSelectWidget {...p} /> : <SelectWidget {...p} />;
    case 'credentialType':
      return <CredentialTypeWidget {...p} />;
    case 'multiselect':
      return <MultiSelectWidget {...p} />;
    case 'json':
      return <JsonWidget {...p} />;
    case 'datetime':
      return <DateTimeWidget {...p} />;
    case 'color':
      return <ColorWidget {...p} />;
    case 'resourceLocator':
      return <LocatorWidget {...p} />;
    case 'collection':
      return <CollectionWidget {...p} />;
    case 'fixedCollection':
      return <FixedCollectionWidget {...p} />;
    case 'filter':
      return <FilterWidget value={p.value} operators={p.f.ui.operators ?? []} testId={p.testId} set={p.set} />;
    default:
      return <TextWidget {...p} />;
  }
}
