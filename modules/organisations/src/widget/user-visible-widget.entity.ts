import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn } from '@tenantry/database';
import { WidgetRecord } from './widget.entity';

/**
 * One widget (site) a user is limited to seeing; a user without rows sees every widget of their
 * organisation (docs/product.md#sites-a-user-sees).
 */
@Entity({ name: 'user_visible_widgets' })
@Index('ix_user_visible_widgets_widget', ['widgetId'])
export class UserVisibleWidgetRecord {
  @PrimaryColumn({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne('UserRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @PrimaryColumn({ name: 'widget_id', ...idColumn })
  widgetId: string;

  @ManyToOne(() => WidgetRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'widget_id' })
  widget?: WidgetRecord;
}
